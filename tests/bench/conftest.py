from pathlib import Path

import pytest


def pytest_collection_modifyitems(config, items):
    """Benchmarks run only when asked for (`make bench`, i.e. `-m bench`)."""
    if "bench" in (config.getoption("markexpr") or "").replace("not bench", ""):
        return
    here = Path(__file__).parent
    skip = pytest.mark.skip(reason="benchmark: run with make bench")
    for item in items:
        if here in Path(item.fspath).parents:
            item.add_marker(skip)
