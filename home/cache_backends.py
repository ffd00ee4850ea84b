"""Django's database cache with an atomic `incr`, for counters several worker processes share.

Django's DatabaseCache inherits `incr` from BaseCache: a get, then a set. Two workers counting the same key at the
same moment both read 5 and both write 6, so a rate limit of N lets more than N through under a flood, which is
exactly when it matters. Here the row is locked first (`SELECT ... FOR UPDATE` on PostgreSQL; on SQLite the
transaction already holds the write lock, settings/base.py opens every transaction IMMEDIATE), and only the value
is rewritten: the expiry the counter got from `add()` stays, where BaseCache's `set()` would reset it to the
default timeout. `tests/site/test_security_cache.py` counts from several processes at once.
"""

import base64
import pickle

from django.core.cache.backends.db import DatabaseCache as DjangoDatabaseCache
from django.db import connections, router, transaction


class DatabaseCache(DjangoDatabaseCache):
    def incr(self, key, delta=1, version=None):
        made_key = self.make_and_validate_key(key, version=version)
        db = router.db_for_write(self.cache_model_class)
        connection = connections[db]
        quote = connection.ops.quote_name
        table = quote(self._table)
        lock = " FOR UPDATE" if connection.features.has_select_for_update else ""
        with transaction.atomic(using=db), connection.cursor() as cursor:
            key_column = quote("cache_key")
            cursor.execute(f"SELECT {key_column} FROM {table} WHERE {key_column} = %s{lock}", [made_key])
            # get() also treats an expired row as missing (and deletes it).
            value = self.get(key, self._missing_key, version=version) if cursor.fetchone() else self._missing_key
            if value is self._missing_key:
                raise ValueError(f"Key '{key}' not found")
            value += delta
            encoded = base64.b64encode(pickle.dumps(value, self.pickle_protocol)).decode("latin1")
            cursor.execute(f"UPDATE {table} SET {quote('value')} = %s WHERE {key_column} = %s", [encoded, made_key])
        return value

    def decr(self, key, delta=1, version=None):
        return self.incr(key, -delta, version=version)
