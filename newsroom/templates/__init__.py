"""HTML templates of the demo outlets: pure functions from story data to an HTML string.

Each outlet has its own template (A to D) with its own markup habits, so extraction code meets
four different page structures.
"""

from __future__ import annotations

from collections.abc import Callable

from newsroom.records import InfoPage, Outlet
from newsroom.templates import courier, guetteur, ledger, rheinblick
from newsroom.templates.common import (
    ArticleContext,
    render_home,
    render_moved,
    render_not_found,
    render_server_error,
)

__all__ = [
    "ArticleContext",
    "render_article",
    "render_home",
    "render_info_page",
    "render_moved",
    "render_not_found",
    "render_server_error",
]

_ARTICLE_RENDERERS: dict[str, Callable[[ArticleContext], str]] = {
    "A": ledger.render_article,
    "B": courier.render_article,
    "C": rheinblick.render_article,
    "D": guetteur.render_article,
}

_INFO_RENDERERS: dict[str, Callable[[Outlet, InfoPage, str], str]] = {
    "D": guetteur.render_info_page,
}


def render_article(ctx: ArticleContext) -> str:
    """Return the article page's HTML in its outlet's template."""
    return _ARTICLE_RENDERERS[ctx.outlet.template](ctx)


def render_info_page(outlet: Outlet, page: InfoPage, base_url: str) -> str:
    """Return a non-article page's HTML; only template D has such a page."""
    try:
        renderer = _INFO_RENDERERS[outlet.template]
    except KeyError:
        raise LookupError(f"template {outlet.template} has no info-page layout") from None
    return renderer(outlet, page, base_url)
