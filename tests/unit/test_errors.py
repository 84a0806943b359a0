import inspect

import veil.errors as errors


def test_all_lists_every_error_sorted():
    classes = {
        n for n, o in vars(errors).items() if inspect.isclass(o) and issubclass(o, Exception)
        and o.__module__ == "veil.errors"
    }
    assert set(errors.__all__) == classes
    assert errors.__all__ == sorted(errors.__all__)


def test_every_error_derives_from_veilerror_and_has_a_unique_code():
    codes = {}
    for name in errors.__all__:
        cls = getattr(errors, name)
        assert issubclass(cls, errors.VeilError)
        assert cls.code not in codes, f"{name} reuses code of {codes.get(cls.code)}"
        codes[cls.code] = name


def test_hierarchy_drawn_in_docstring_matches_classes():
    doc = errors.__doc__ or ""
    for name in errors.__all__:
        assert name in doc, f"{name} missing from the hierarchy drawing"
