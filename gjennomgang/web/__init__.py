"""The Gradio page: self-check for authors, decision view for leaders.

The logic lives in plain modules that do not import gradio (settings, storage, service, views,
batch, reports) so that it can be tested without a browser. Only `ui` imports gradio, and
`server.main()` prepares the environment (private temp dir, analytics off) before it does.
"""
