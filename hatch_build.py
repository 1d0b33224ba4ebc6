"""Build hook: pact's dependencies, plus durable-rules where it can be built and imported.

durable-rules 2.0.28 is an sdist with a C core. Where this interpreter cannot compile an
extension (no C compiler, no Python headers), or on Python >= 3.13 (where 2.0.28 does not import),
it is left out and pact runs its reference backend; elsewhere it is a dependency, as before.
"""

from __future__ import annotations

import os
import shlex
import subprocess
import sys
import sysconfig
import tempfile

from hatchling.metadata.plugin.interface import MetadataHookInterface

DURABLE = "durable-rules==2.0.28"


def can_build_extensions() -> bool:
    """Whether this interpreter's C compiler compiles a file that includes Python.h."""
    if os.environ.get("PACT_NO_DURABLE"):
        return False
    cc = shlex.split(os.environ.get("CC") or sysconfig.get_config_var("CC") or "cc")
    include = sysconfig.get_path("include")
    with tempfile.TemporaryDirectory() as tmp:
        source = os.path.join(tmp, "probe.c")
        with open(source, "w") as f:
            f.write("#include <Python.h>\nint main(void) { return 0; }\n")
        try:
            done = subprocess.run(
                [*cc, f"-I{include}", "-c", source, "-o", os.path.join(tmp, "probe.o")],
                capture_output=True,
                timeout=60,
            )
        except (OSError, subprocess.SubprocessError):
            return False
    return done.returncode == 0


class CustomMetadataHook(MetadataHookInterface):
    def update(self, metadata: dict) -> None:
        dependencies = list(self.config.get("base-dependencies", []))
        if sys.version_info < (3, 13) and can_build_extensions():
            dependencies.append(DURABLE)
        metadata["dependencies"] = dependencies
