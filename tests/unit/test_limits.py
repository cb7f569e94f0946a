import pytest
from article_ingest.extract.limits import Limits


def test_limits_must_be_positive():
    with pytest.raises(ValueError):
        Limits(max_input_bytes=0)
