"""The PyYAML loader class: libyaml's parser and composer, our constructor and resolver."""

from __future__ import annotations

import yaml

from learning_journeys.validation.yaml.constructor import StrictConstructor
from learning_journeys.validation.yaml.core_schema import CoreSchemaResolver

try:
    # the stubs import CParser into yaml.cyaml without re-exporting it
    from yaml.cyaml import CParser  # type: ignore[attr-defined]

    HAS_LIBYAML = True
except ImportError:  # pragma: no cover - libyaml ships in PyYAML's wheels
    HAS_LIBYAML = False

if HAS_LIBYAML:

    class JourneyYamlLoader(CParser, StrictConstructor, CoreSchemaResolver):  # type: ignore[misc, valid-type]
        """Reads one journey file: ``get_single_node`` composes, ``construct_document`` builds."""

        def __init__(self, stream: str) -> None:
            CParser.__init__(self, stream)
            StrictConstructor.__init__(self)
            CoreSchemaResolver.__init__(self)

else:  # pragma: no cover - libyaml is present in every supported wheel

    class JourneyYamlLoader(  # type: ignore[no-redef]
        yaml.reader.Reader,
        yaml.scanner.Scanner,
        yaml.parser.Parser,
        yaml.composer.Composer,
        StrictConstructor,
        CoreSchemaResolver,
    ):
        """Reads one journey file: ``get_single_node`` composes, ``construct_document`` builds."""

        def __init__(self, stream: str) -> None:
            yaml.reader.Reader.__init__(self, stream)
            yaml.scanner.Scanner.__init__(self)
            yaml.parser.Parser.__init__(self)
            yaml.composer.Composer.__init__(self)
            StrictConstructor.__init__(self)
            CoreSchemaResolver.__init__(self)
