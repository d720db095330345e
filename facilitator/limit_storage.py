"""Where rate-limit counters live: in memory, or in Redis shared by every worker.

Under eventlet or gevent a thousand phones connecting at once are a thousand green threads
checking their limit together. Redis counters therefore go through one bounded, blocking pool
per process: a check waits briefly for a free connection instead of failing with "Too many
connections".
"""

import redis
from limits.storage import Storage, storage_from_string

POOL_SIZE = 32
POOL_WAIT_SECONDS = 5


def pool_options(uri: str) -> dict:
    """Storage options for a limits URI: a bounded blocking pool for Redis, else none."""
    if not uri.startswith(("redis://", "rediss://", "unix://")):
        return {}
    pool = redis.BlockingConnectionPool.from_url(
        uri, max_connections=POOL_SIZE, timeout=POOL_WAIT_SECONDS
    )
    return {"connection_pool": pool}


def limit_storage(uri: str | None) -> Storage:
    """The limits storage for a URI (memory:// when none is given)."""
    uri = uri or "memory://"
    return storage_from_string(uri, **pool_options(uri))
