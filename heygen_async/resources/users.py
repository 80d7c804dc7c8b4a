"""``client.users``: Your account (v3): ``users.me()``.

::

    me = await client.users.me()
    print(me.username, me.billing_type, me.wallet.remaining_balance if me.wallet else None)

A cheap call that also checks the API key.
"""

from __future__ import annotations

from typing import Literal

from .._params import RequestOptions, Unpack
from .._sync._resources import SyncRawResource, SyncResource, blocking, blocking_raw
from ..models._base import ResponseModel
from ._endpoint import endpoint
from ._resource import AsyncRawResource, AsyncResource, RawView, raw_method


class AutoReload(ResponseModel):
    """A wallet's automatic top-up."""

    enabled: bool | None = None
    """True when HeyGen tops the wallet up by itself."""
    amount_usd: float | None = None
    """How much each top-up adds, in US dollars."""
    threshold_usd: float | None = None
    """The balance, in US dollars, below which it tops up."""


class Wallet(ResponseModel):
    """A prepaid balance (``billing_type="wallet"``, API-key accounts)."""

    currency: Literal["usd", "credits"] | str | None = None
    """``usd``, or ``credits`` for Enterprise accounts."""
    remaining_balance: float | None = None
    """What is left, in ``currency``."""
    auto_reload: AutoReload | None = None
    """Automatic top-up settings, if any."""


class CreditPool(ResponseModel):
    """One pool of a subscription's credits."""

    remaining: int | None = None
    """Credits left in the pool."""
    resets_at: str | None = None
    """When the pool refills (as HeyGen writes the time)."""


class SubscriptionCredits(ResponseModel):
    """A subscription's credit pools."""

    premium_credits: CreditPool | None = None
    """Premium credits."""
    add_on_credits: CreditPool | None = None
    """Credits bought on top of the plan."""


class Subscription(ResponseModel):
    """A plan's credits (``billing_type="subscription"``, OAuth apps)."""

    plan: (
        Literal["free", "starter", "creator", "pro", "team", "enterprise", "business_plus"]
        | str
        | None
    ) = None
    """The plan's name."""
    credits: SubscriptionCredits | None = None
    """What is left of each credit pool."""


class UsageBased(ResponseModel):
    """Metered billing (``billing_type="usage_based"``)."""

    included_credits: float | None = None
    """Credits the plan includes."""
    remaining_credits: float | None = None
    """Credits left."""
    spending_cap_usd: float | None = None
    """The spending limit, in US dollars (None: no cap)."""
    spending_current_usd: float | None = None
    """Spent so far this period, in US dollars."""


class CurrentUser(ResponseModel):
    """The account the API key belongs to (``client.users.me()``)."""

    username: str
    """Your username (also the ``owner`` of your assets)."""
    email: str | None = None
    """Your email address."""
    first_name: str | None = None
    """Your first name."""
    last_name: str | None = None
    """Your last name."""
    billing_type: Literal["wallet", "subscription", "usage_based"] | str | None = None
    """Which of ``wallet``, ``subscription`` or ``usage_based`` holds your balance."""
    wallet: Wallet | None = None
    """Prepaid balance, when ``billing_type`` is ``wallet``."""
    subscription: Subscription | None = None
    """Plan and credits, when ``billing_type`` is ``subscription``."""
    usage_based: UsageBased | None = None
    """Metered credits and spending, when ``billing_type`` is ``usage_based``."""


class AsyncUsers(AsyncResource):
    """``client.users`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()

    @endpoint("GET", "/v3/users/me")
    async def me(self, **options: Unpack[RequestOptions]) -> CurrentUser:
        """Your account: name, email, and what is left to spend (``wallet``,
        ``subscription`` or ``usage_based``, as ``billing_type`` says). A bad API key
        raises ``AuthenticationError``::

            me = await client.users.me()
            print(me.username, me.billing_type)
        """
        ...

    with_raw_response: RawView[AsyncUsersWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class AsyncUsersWithRawResponse(AsyncRawResource[AsyncUsers]):
    """``client.users.with_raw_response`` of an ``AsyncHeyGenClient``."""

    __slots__ = ()
    me = raw_method(AsyncUsers.me)


class Users(SyncResource[AsyncUsers]):
    """``client.users`` of a ``HeyGenClient``: the same methods, blocking."""

    __slots__ = ()
    me = blocking(AsyncUsers.me)

    with_raw_response: RawView[UsersWithRawResponse] = RawView()
    """These methods again, each returning a ``RawResponse``."""


class UsersWithRawResponse(SyncRawResource[AsyncUsers]):
    """``client.users.with_raw_response`` of a ``HeyGenClient``."""

    __slots__ = ()
    me = blocking_raw(AsyncUsersWithRawResponse.me)


__all__ = [
    "AsyncUsers",
    "AsyncUsersWithRawResponse",
    "AutoReload",
    "CreditPool",
    "CurrentUser",
    "Subscription",
    "SubscriptionCredits",
    "UsageBased",
    "Users",
    "UsersWithRawResponse",
    "Wallet",
]
