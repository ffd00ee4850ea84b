"""Media on an S3-compatible bucket with the same unguessable names as local disk (home/storage.py).

Kept apart from home/storage.py so boto3 is imported only when a bucket is configured.
"""

from storages.backends.s3 import S3Storage

from home.storage import RandomNameMixin


class RandomNameS3Storage(RandomNameMixin, S3Storage):
    pass
