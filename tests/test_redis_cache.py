"""The Redis cache backend used with REDIS_URL: Django's, reusing one client per pool."""

import pytest
import redis
from django.core.cache import caches

from jobboard.redis_cache import ReusedClientRedisCache

REDIS_URL = "redis://127.0.0.1:6379/13"


def redis_answers():
    try:
        redis.Redis.from_url(REDIS_URL, socket_connect_timeout=0.5).ping()
    except (redis.RedisError, OSError):
        return False
    return True


def test_every_cache_call_uses_the_same_client():
    cache = ReusedClientRedisCache(REDIS_URL, {})

    first = cache._cache.get_client("a", write=True)

    assert cache._cache.get_client("b", write=True) is first
    assert cache._cache.get_client("c") is first  # one server: reads use its pool too


@pytest.mark.skipif(not redis_answers(), reason="no Redis at 127.0.0.1:6379")
def test_the_backend_stores_and_reads_through_redis(settings):
    settings.CACHES = {
        "default": {"BACKEND": "jobboard.redis_cache.ReusedClientRedisCache", "LOCATION": REDIS_URL}
    }
    cache = caches["default"]
    cache.clear()

    cache.set("page", {"html": "<p>hi</p>"}, 30)
    cache.set_many({"a": 1, "b": 2})

    assert cache.get("page") == {"html": "<p>hi</p>"}
    assert cache.get_many(["a", "b", "missing"]) == {"a": 1, "b": 2}
    cache.clear()
