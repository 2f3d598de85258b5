"""Fixtures for report jobs: a private media folder and test-only report kinds."""

import pytest

from apps.reports.registry import ReportError, register_report, unregister_report

TEST_PERMISSION = "core.export_staff_roster"


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    """Each test writes its report files into its own folder."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def produce_hello(job, progress):
    progress(50, "半程")
    return "问候.txt", f"你好 {job.params.get('who', '')}".encode()


def produce_broken(job, progress):
    progress(10, "开始")
    raise RuntimeError("secret internal detail: /etc/passwd line 3")


def produce_refusal(job, progress):
    raise ReportError("部门不存在。")


@pytest.fixture
def test_kinds():
    """Register three kinds for the duration of a test: fine, broken, refusing."""
    kinds = {
        "test_hello": produce_hello,
        "test_broken": produce_broken,
        "test_refusal": produce_refusal,
    }
    for kind, producer in kinds.items():
        register_report(
            kind,
            label=kind,
            formats=["xlsx", "pdf"],
            permission=TEST_PERMISSION,
            producer=producer,
        )
    yield kinds
    for kind in kinds:
        unregister_report(kind)
