"""Staff screens of the wallet (mounted at /boutique/dashboard/porte-monnaie/)."""
