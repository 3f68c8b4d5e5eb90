"""Start the Gradio page of gjennomgang: `python app.py` (see gjennomgang/web/).

Settings come from environment variables: GJENNOMGANG_VERT (default 127.0.0.1), GJENNOMGANG_PORT
(7860), GJENNOMGANG_BRUKER and GJENNOMGANG_PASSORD (optional login), GJENNOMGANG_MAKS_MB (50),
GJENNOMGANG_SLETT_ETTER_SEKUNDER (300).
"""

import sys

from gjennomgang.web.server import main

if __name__ == "__main__":
    sys.exit(main())
