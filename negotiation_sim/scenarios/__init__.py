"""The article's scenarios, one module each."""

__all__: list[str] = []
