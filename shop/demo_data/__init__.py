"""The demo catalogue as data: producers, categories and products, loaded by `shop.demo`.

Everything is fictitious but plausible (see `shop.demo` for what is invented and what
is real). Only tables live here; the loading code stays in `shop.demo`.
"""
