"""pni: seguimiento del Plan Nacional de Implementación del PMM 2024-2028 de El Salvador."""

__version__ = "0.1.0"
