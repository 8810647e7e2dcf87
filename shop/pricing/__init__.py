"""Where each euro goes, and unit prices (issue #13 points 6 and 7).

A product's price excluding tax (HT, on its stock record) is split into what the
producer receives, the cooperative's commission and logistics fees; VAT comes on top.
Its net quantity gives the price per kilogram or litre French consumer law asks for.
"""
