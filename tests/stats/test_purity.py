import ast
from pathlib import Path

STATS = Path(__file__).resolve().parents[2] / "src" / "aftercast" / "stats"


def test_the_statistics_package_never_imports_django():
    for module in STATS.glob("*.py"):
        for node in ast.walk(ast.parse(module.read_text())):
            names = []
            if isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            elif isinstance(node, ast.ImportFrom) and node.module:
                names = [node.module]
            assert not any(name.split(".")[0] == "django" for name in names), module.name
