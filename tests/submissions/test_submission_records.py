"""Submission ids (llmkg/submissions/records.py): they sort in the order the submissions were made."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from llmkg.submissions.records import ID_PATTERN, new_id


def test_ids_made_within_one_second_sort_by_time():
    start = datetime(2026, 11, 24, 2, 0, 0, tzinfo=UTC)
    times = [start + timedelta(milliseconds=ms) for ms in (0, 1, 9, 10, 99, 100, 998, 999, 1000)]
    ids = [new_id(t) for t in times]
    assert all(ID_PATTERN.match(i) for i in ids)
    assert sorted(ids) == ids


def test_ids_keep_the_format_of_earlier_ones():
    assert new_id(datetime(2026, 1, 2, 3, 4, 5, 67_000, tzinfo=UTC)).startswith("20260102-030405-067")
    assert ID_PATTERN.match("20240101-120000-0a1b2c3d")  # made before milliseconds were part of the id
