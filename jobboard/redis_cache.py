"""Django's Redis cache backend, with one Redis client per connection pool.

Django's client builds a new `redis.Redis` (and its table of ~170 response callbacks) for
every cache call: about 0.3 ms of a 1.2 ms cached page. The client is thread-safe and the
pool it wraps already knows about forks, so one per pool serves every call.
"""

from django.core.cache.backends.redis import RedisCache, RedisCacheClient


class ReusedRedisCacheClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(pool)
        if client is None:
            client = self._clients[pool] = self._client(connection_pool=pool)
        return client


class ReusedClientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedRedisCacheClient
