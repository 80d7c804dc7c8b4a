"""Jobs: what HeyGen renders (videos, translations, ...), and the one poller that
waits for all of them (see ``_poller``)."""
