package org.sde4j.cli.command;

import java.util.Map;

/**
 * A command whose library calls name parameters differently from its options ({@code maxLr} for {@code --lr}).
 * The command line rewrites "NAME = value" in an error message to "--option = value" with this map, after the
 * map it derives from every option ({@code --held-out} from {@code heldOut}).
 */
public interface ParameterNames {
    /** Library parameter name → option. */
    Map<String, String> parameterOptions();
}
