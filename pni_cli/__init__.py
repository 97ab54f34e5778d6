"""pni: seguimiento del PNI 2024-2028 de El Salvador."""
