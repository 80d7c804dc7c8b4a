"""``heygen-async webhooks listen``: a webhook receiver on a port, printing each event.

It serves ``client.webhook_receiver`` with uvicorn (the ``server`` extra): each
authentic delivery is printed (one line, or one JSON object per line with
``--json``); refused ones are answered 4xx and not printed. The secret comes from
``--secret`` or ``HEYGEN_WEBHOOK_SECRET`` and is never printed.
"""

from __future__ import annotations

import argparse
import os

import anyio

from ..webhooks import WebhookEvent
from ._context import make_client
from ._exit import OK, USER_ERROR, UsageError
from ._render import Output

ENV_SECRET = "HEYGEN_WEBHOOK_SECRET"


def add_webhooks_command(sub: argparse.ArgumentParser) -> None:
    """The ``webhooks`` command's options (its one action: ``listen``)."""
    sub.add_argument("action", choices=("listen",), help="listen: serve a receiver, print events")
    sub.add_argument(
        "--secret", help=f"the endpoint's signing secret (default: ${ENV_SECRET}); never printed"
    )
    sub.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    sub.add_argument("--port", type=int, default=8000, help="port to listen on (default 8000)")
    sub.add_argument(
        "--catch-up-pages",
        type=int,
        default=3,
        metavar="N",
        help="pages of the event log read after the first delivery (default 3; 0: none)",
    )


def event_line(event: WebhookEvent) -> str:
    """One event as the command prints it."""
    parts = [event.event_type or "(no type)", event.job_id or "-"]
    if event.url:
        parts.append(event.url)
    if event.failure_message:
        parts.append(f"failed: {event.failure_message}")
    if event.callback_id:
        parts.append(f"callback_id={event.callback_id}")
    return "  ".join(parts)


def webhooks(args: argparse.Namespace, out: Output) -> int:
    """Serve a receiver until Ctrl-C."""
    secret = args.secret or os.environ.get(ENV_SECRET)
    if not secret:
        raise UsageError(f"webhooks listen: pass --secret or set {ENV_SECRET}")
    try:
        import uvicorn
    except ImportError:
        out.error("webhooks listen needs the server extra: pip install 'heygen-async[server]'")
        return USER_ERROR

    def show(event: WebhookEvent) -> None:
        if out.as_json:
            out.json(event.raw)
        else:
            out.console.print(out.clean(event_line(event)), highlight=False, markup=False)

    async def run() -> int:
        async with make_client(args) as client:
            receiver = client.webhook_receiver(
                secret=secret, on_event=show, catch_up_pages=args.catch_up_pages
            )
            config = uvicorn.Config(
                receiver, host=args.host, port=args.port, log_level="warning", access_log=False
            )
            out.note(f"listening on http://{args.host}:{args.port}/ (Ctrl-C to stop)")
            await uvicorn.Server(config).serve()
        return OK

    return anyio.run(run)


__all__ = ["add_webhooks_command", "event_line", "webhooks"]
