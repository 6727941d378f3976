"""svodka: Russian news into entities, attributed quotes, PLOVER events and amounts."""
from .document import Document, from_dict, to_dict
from .pipeline import analyze, analyze_many

__all__ = ["Document", "analyze", "analyze_many", "from_dict", "to_dict"]
__version__ = "0.1.0"
