"""A wait through the facade ends as the async client's does: a failed render raises
``VideoFailedError``, a deadline ``WaitTimeoutError``, and a bulk run puts each in its
``JobResult.error`` (issue 19.10: a facade that returned None passed every test).

Each scenario runs twice on a fresh fake with the same seed, once awaited on
``AsyncHeyGenClient`` and once through ``HeyGenClient``, and the two endings must be
equal (type, message, HeyGen's reason, the last status): the expectations come from
the async client, never from the facade. Time is virtual: the client's sleeps move
one clock that is also the fake's, so a ten-minute render costs no real time.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import anyio
import anyio.lowlevel
import pytest

from heygen_async import (
    HeyGenError,
    JobResult,
    PollPolicy,
    VideoFailedError,
    WaitTimeoutError,
)
from heygen_async.testing import SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID, FakeHeyGen, InstantClock

PEOPLE = (SAMPLE_AVATAR_ID, SAMPLE_VOICE_ID)
RENDER_SECONDS = 600.0  # every render takes ten (virtual) minutes
SHORT_DEADLINE = 60.0  # ends a wait long before a render does
POLL = PollPolicy(timeout=3600, max_poll_failures=3)


@dataclass
class Run:
    """One fresh fake on an instant clock, spoken to in one API version."""

    version: str
    clock: InstantClock
    fake: FakeHeyGen

    @classmethod
    def fresh(cls, version: str) -> Run:
        clock = InstantClock(jitter="low")  # no jitter: both runs poll at the same times
        fake = FakeHeyGen(clock=clock.now, time_scale=1.0, render_seconds=RENDER_SECONDS, seed=7)
        return cls(version, clock, fake)

    def awaited(self, call: Callable[[Any], Any]) -> Any:
        """``call(client)`` on an AsyncHeyGenClient: its result (an async iterator
        drained to a list), or the HeyGenError it raised."""

        async def main() -> Any:
            async with self.fake.client(
                api_version=self.version, poll=POLL, clock=self.clock
            ) as client:
                try:
                    outcome = call(client)
                    if hasattr(outcome, "__aiter__"):
                        return [item async for item in outcome]
                    return await outcome
                except HeyGenError as error:
                    return error

        return anyio.run(main)

    def blocking(self, call: Callable[[Any], Any]) -> Any:
        """``call(client)`` on a HeyGenClient: its result (an iterator drained to a
        list), or the HeyGenError it raised."""
        with self.fake.sync_client(api_version=self.version, poll=POLL, clock=self.clock) as client:
            try:
                outcome = call(client)
                if hasattr(outcome, "__next__"):
                    return list(outcome)
                return outcome
            except HeyGenError as error:
                return error

    def submit(self, script: str) -> str:
        """A video made on the fake before the wait under test."""
        video = self.awaited(lambda client: client.generate_video(script, *PEOPLE))
        return str(video.video_id)


Scenario = Callable[[Run, Callable[[Callable[[Any], Any]], Any]], Any]


def both_ways(version: str, scenario: Scenario) -> tuple[Any, Any]:
    """``scenario(run, runner)`` on two identical fresh fakes: the ending awaited on
    the async client, and the ending through the facade."""
    first, second = Run.fresh(version), Run.fresh(version)
    return scenario(first, first.awaited), scenario(second, second.blocking)


@pytest.fixture(params=["v2", "v3"])
def api_version(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def same_error(expected: BaseException, got: object) -> None:
    """``got`` is the error the async client raised: same type, text and fields."""
    assert type(got) is type(expected), f"expected {expected!r}, got {got!r}"
    assert str(got) == str(expected)
    for name in ("video_id", "code", "message", "detail", "timeout"):
        assert getattr(got, name, None) == getattr(expected, name, None), name
    for name in ("status", "last_status"):
        mine, theirs = getattr(got, name, None), getattr(expected, name, None)
        assert (mine and mine.status) == (theirs and theirs.status), name


# -- single waits --------------------------------------------------------------------


def wait_for_a_failed_render(run: Run, runner: Any) -> Any:
    video_id = run.submit("Hello [fail]")
    return runner(lambda client: client.wait_for_video(video_id))


def wait_past_the_deadline(run: Run, runner: Any) -> Any:
    video_id = run.submit("Hello")
    return runner(lambda client: client.wait_for_video(video_id, timeout=SHORT_DEADLINE))


def generate_a_failing_video_and_wait(run: Run, runner: Any) -> Any:
    return runner(lambda client: client.generate_video_and_wait("Hello [fail]", *PEOPLE))


def generate_and_wait_past_the_deadline(run: Run, runner: Any) -> Any:
    return runner(
        lambda client: client.generate_video_and_wait("Hello", *PEOPLE, timeout=SHORT_DEADLINE)
    )


def test_wait_for_video_raises_video_failed_error_as_the_async_client_does(
    api_version: str,
) -> None:
    awaited, blocking = both_ways(api_version, wait_for_a_failed_render)
    assert isinstance(awaited, VideoFailedError)
    same_error(awaited, blocking)


def test_wait_for_video_raises_wait_timeout_error_as_the_async_client_does(
    api_version: str,
) -> None:
    awaited, blocking = both_ways(api_version, wait_past_the_deadline)
    assert isinstance(awaited, WaitTimeoutError) and awaited.timeout == SHORT_DEADLINE
    same_error(awaited, blocking)


def test_generate_video_and_wait_raises_video_failed_error(api_version: str) -> None:
    awaited, blocking = both_ways(api_version, generate_a_failing_video_and_wait)
    assert isinstance(awaited, VideoFailedError)
    same_error(awaited, blocking)


def test_generate_video_and_wait_raises_wait_timeout_error(api_version: str) -> None:
    awaited, blocking = both_ways(api_version, generate_and_wait_past_the_deadline)
    assert isinstance(awaited, WaitTimeoutError)
    same_error(awaited, blocking)


def test_the_facade_raises_the_errors_rather_than_returning_them(api_version: str) -> None:
    """The comparisons above read errors their helper caught: here the facade's own
    calls must raise (one returning the error, or None, fails)."""
    run = Run.fresh(api_version)
    failing, slow = run.submit("Hello [fail]"), run.submit("Hello")
    with run.fake.sync_client(api_version=api_version, poll=POLL, clock=run.clock) as client:
        # The deadline first: the wait for the failed render moves the clock past it.
        with pytest.raises(WaitTimeoutError, match=rf"video {slow} not finished after 60 s"):
            client.wait_for_video(slow, timeout=SHORT_DEADLINE)
        with pytest.raises(VideoFailedError) as failed:
            client.wait_for_video(failing)
        with pytest.raises(VideoFailedError):
            client.generate_video_and_wait("Again [fail]", *PEOPLE)
        with pytest.raises(WaitTimeoutError):
            client.generate_video_and_wait("Again", *PEOPLE, timeout=SHORT_DEADLINE)
    assert failed.value.video_id == failing


# -- bulk: each ending is a JobResult carrying its error -----------------------------


def wait_for_many(run: Run, runner: Any) -> Any:
    ids = [run.submit("Fine"), run.submit("Bad [fail]"), run.submit("Also fine")]
    return runner(lambda client: client.wait_for_videos(ids, timeout=RENDER_SECONDS * 2))


def wait_for_many_past_the_deadline(run: Run, runner: Any) -> Any:
    failed = run.submit("Bad [fail]")
    run.clock.time += RENDER_SECONDS  # that render has failed by now; the next one is young
    ids = [run.submit("Slow"), failed]
    return runner(lambda client: client.wait_for_videos(ids, timeout=SHORT_DEADLINE))


def job(key: str, script: str) -> dict[str, str]:
    return {"key": key, "script": script, "avatar_id": PEOPLE[0], "voice_id": PEOPLE[1]}


def generate_many_mixed(run: Run, runner: Any) -> Any:
    jobs = [job("good", "Fine"), job("bad", "Bad [fail]")]
    return runner(lambda client: client.generate_many(jobs))


def generate_many_past_the_deadline(run: Run, runner: Any) -> Any:
    poll = PollPolicy(timeout=SHORT_DEADLINE, max_poll_failures=3)
    return runner(lambda client: client.generate_many([job("slow", "Fine")], poll=poll))


def same_results(expected: list[JobResult], got: object) -> None:
    """One JobResult per job, in the same order, each ending as the async one did."""
    assert isinstance(got, list), f"expected a list of JobResults, got {got!r}"
    assert [result.key for result in got] == [result.key for result in expected]
    for mine, theirs in zip(got, expected, strict=True):
        assert isinstance(mine, JobResult)
        assert (mine.ok, mine.video_id) == (theirs.ok, theirs.video_id)
        assert (mine.status and mine.status.status) == (theirs.status and theirs.status.status)
        if theirs.error is None:
            assert mine.error is None, mine.error
        else:
            same_error(theirs.error, mine.error)


def kinds(results: list[JobResult]) -> list[str]:
    return sorted(type(result.error).__name__ for result in results)


def test_wait_for_videos_yields_the_failed_video_with_its_error(api_version: str) -> None:
    awaited, blocking = both_ways(api_version, wait_for_many)
    assert kinds(awaited) == ["NoneType", "NoneType", "VideoFailedError"]
    same_results(awaited, blocking)


def test_wait_for_videos_yields_the_timed_out_video_with_its_error(api_version: str) -> None:
    awaited, blocking = both_ways(api_version, wait_for_many_past_the_deadline)
    assert kinds(awaited) == ["VideoFailedError", "WaitTimeoutError"]
    same_results(awaited, blocking)


def test_generate_many_yields_the_failed_job_with_its_error(api_version: str) -> None:
    awaited, blocking = both_ways(api_version, generate_many_mixed)
    assert {result.key: kinds([result]) for result in awaited} == {
        "good": ["NoneType"],
        "bad": ["VideoFailedError"],
    }
    same_results(awaited, blocking)


def test_generate_many_yields_the_timed_out_job_with_its_error(api_version: str) -> None:
    awaited, blocking = both_ways(api_version, generate_many_past_the_deadline)
    assert kinds(awaited) == ["WaitTimeoutError"]
    same_results(awaited, blocking)
