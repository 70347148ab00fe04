"""Competitive analysis batches: one site and its competitors, analysed and compared."""
