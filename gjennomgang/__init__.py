"""gjennomgang — NLP-assisted completeness review of Norwegian child-welfare documents.

Data flows one way: file → reading → Document → nlp → analysis (Evidence) → decision
(Verdicts) → reporting.
"""

__version__ = "0.1.0"
