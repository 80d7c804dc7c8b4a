"""``AsyncBatches``: the ``batches`` of a job noun (``client.lipsyncs.batches``,
``client.video_translations.batches``, ``client.videos.batches``,
``client.assets.batches``).

HeyGen reads every noun's batch the same way (``GET <noun>/batches/{batch_id}``,
``limit`` and ``token`` for its pages of items), so ``get`` is written here once and
declared on each noun at its own path, with its own batch model in the signature
and its own name in the docstring. What differs stays with the noun: ``create`` (its
payloads have the noun's name and model) and any other operation.
"""

from __future__ import annotations

import typing
from typing import Any, ClassVar, Generic, TypeVar

from .._params import RequestOptions, Unpack
from ._endpoint import endpoint
from ._jobs import Batch
from ._pages import PageSize
from ._resource import AsyncResource, noun_method, type_argument

BatchT = TypeVar("BatchT", bound=Batch[Any])


class AsyncBatches(AsyncResource, Generic[BatchT]):
    """``client.<noun>.batches``: ``get`` (a batch and one page of its items) written
    once. A noun subclasses ``AsyncBatches[TheBatchModel]`` and says where its
    batches are::

        class AsyncLipsyncBatches(AsyncBatches[LipsyncBatch]):
            _path = "/v3/lipsyncs/batches"
    """

    __slots__ = ()

    _path: ClassVar[str]
    """The noun's batches (``/v3/lipsyncs/batches``): ``get`` reads ``<_path>/{batch_id}``."""
    _items: ClassVar[str] = "items"
    """What a batch holds, in ``get``'s docstring (an asset batch's are ``files``)."""

    async def get(
        self,
        batch_id: str,
        *,
        limit: PageSize | None = None,
        token: str | None = None,
        **options: Unpack[RequestOptions],
    ) -> BatchT:
        """A batch's state, its counts, and a page of its items (each noun says it in
        its own words)."""
        ...

    def __init_subclass__(cls, **kwargs: Any) -> None:
        super().__init_subclass__(**kwargs)
        model = type_argument(cls, AsyncBatches)
        if model is None or "get" in vars(cls):
            return  # not a noun's batches, or one declaring its own read
        declared = endpoint("GET", f"{cls._path}/{{batch_id}}")(_get_of(cls, model))
        cls.get = declared  # type: ignore[method-assign]


def _get_of(cls: Any, model: type) -> Any:
    """``AsyncBatches.get`` as the noun's declaration: its name, its batch model as the
    answer (shown by name; read by the declaration as the model itself), its docs."""
    noun = cls.__module__.rsplit(".", 1)[-1]
    doc = (
        f"A batch's state, its counts, and a page of its {cls._items} (``limit`` 1-100,\n"
        "HeyGen's default 100; pass the answer's ``next_token`` as ``token`` for the\n"
        "next page).\n\n::\n\n"
        f"    batch = await client.{noun}.batches.get(batch_id)\n"
        "    print(batch.status, batch.counts_by_status)\n"
    )
    stub = noun_method(AsyncBatches.get, cls, model.__name__, doc)
    # The declaration reads the answer's model from the annotations, resolved here:
    # the noun's model is not a name in this module.
    stub.__annotations__ = {
        **typing.get_type_hints(AsyncBatches.get, include_extras=True),
        "return": model,
    }
    return stub


__all__ = ["AsyncBatches"]
