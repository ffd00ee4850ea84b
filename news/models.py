"""News, announcements and guidance on ormas: models arrive with the news issue."""
