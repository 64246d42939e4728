"""The version of newstool, in a leaf module that imports nothing, so any module can use it.

>>> __version__
'0.1.0'
"""

__version__ = "0.1.0"
