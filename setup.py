"""The build steps pyproject.toml cannot say: the bundled data's caches, built into the wheel
(`ottawa_cli.store.shipped`), so that the first run after an install does not validate the YAML;
every participant's status and timeline sheets (`ottawa_cli.output.ahead`), so that `ottawa
status` and `ottawa timeline` draw their answers without loading the models; the bundled data's
index (`ottawa_cli.api.index`), so that the first `treaties`, `list` or `--treaty all` copies it
instead of building it; and the models' `__init__` methods compiled (`ottawa_cli.frozen`), as
the modules' `.pyc` are.
An editable install builds neither: a checkout's files change, and its runs write the user's
cache and compile as they go."""

import os
import subprocess
import sys

from setuptools import setup
from setuptools.command.build_py import build_py


class BuildPyWithCaches(build_py):
    def run(self) -> None:
        super().run()
        if getattr(self, "editable_mode", False):
            return
        folder = os.path.join(self.build_lib, "ottawa_cli", "caches")
        os.makedirs(folder, exist_ok=True)
        # Prepended, never replacing: pip's isolated build environment finds the build
        # requirements (pydantic, PyYAML) through its own PYTHONPATH.
        paths = [os.path.abspath(self.build_lib), os.environ.get("PYTHONPATH", "")]
        env = {**os.environ, "PYTHONPATH": os.pathsep.join(p for p in paths if p)}
        env.pop("OTTAWA_NO_CACHE", None)
        subprocess.run(
            [sys.executable, "-m", "ottawa_cli.store.shipped", os.path.abspath(folder)],
            env=env,
            check=True,
        )
        subprocess.run(
            [sys.executable, "-m", "ottawa_cli.output.ahead", os.path.abspath(folder)],
            env=env,
            check=True,
        )
        subprocess.run(
            [sys.executable, "-m", "ottawa_cli.api.index", os.path.abspath(folder)],
            env=env,
            check=True,
        )
        codes = os.path.join(self.build_lib, "ottawa_cli", "frozen.codes")
        subprocess.run(
            [sys.executable, "-m", "ottawa_cli.frozen", os.path.abspath(codes)],
            env=env,
            check=True,
        )


setup(cmdclass={"build_py": BuildPyWithCaches})
