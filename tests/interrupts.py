"""Child processes that a test stops with Ctrl-C (SIGINT)."""

from __future__ import annotations

import signal


def interruptible() -> None:
    """Give the child process SIGINT's default action (``preexec_fn`` of Popen).

    A shell that starts the test suite in the background (``make test &``) leaves SIGINT
    ignored, and a child inherits that: Python then installs no KeyboardInterrupt handler,
    and Ctrl-C would not stop the child.
    """
    signal.signal(signal.SIGINT, signal.SIG_DFL)
