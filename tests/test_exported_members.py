import inspect

import ragclone


def test_all_is_sorted_and_complete() -> None:
    exported = ragclone.__all__
    assert exported == sorted(exported)
    public = {
        name
        for name, value in vars(ragclone).items()
        if not name.startswith("_") and not inspect.ismodule(value)
    }
    assert public | {"__version__"} == set(exported)
    for name in exported:
        assert getattr(ragclone, name) is not None


def test_importing_ragclone_does_not_import_the_heavy_model_stack() -> None:
    import subprocess
    import sys

    code = (
        "import sys, ragclone\n"
        "print('sentence_transformers' in sys.modules, 'torch' in sys.modules)"
    )
    output = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    )
    assert output.stdout.split() == ["False", "False"]
