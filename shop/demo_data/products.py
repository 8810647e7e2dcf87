"""The demo products of every category, in the order of `CATEGORIES`.

That order is the order of creation, hence of the catalogue (newest first): keep it.
"""

from .categories import CATEGORIES, DemoProduct
from .fresh import FRESH
from .household import HOUSEHOLD
from .pantry import PANTRY

_BY_CATEGORY = {**FRESH, **PANTRY, **HOUSEHOLD}
if _BY_CATEGORY.keys() != CATEGORIES.keys():
    raise ValueError("Every demo category needs its products, and every product a category.")

#: Category name -> its products.
PRODUCTS: dict[str, tuple[DemoProduct, ...]] = {name: _BY_CATEGORY[name] for name in CATEGORIES}
