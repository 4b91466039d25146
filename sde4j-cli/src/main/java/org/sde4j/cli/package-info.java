/**
 * The {@code sde4j} command line ({@link org.sde4j.cli.Main}, launched by {@code bin/sde4j}): {@code list}
 * the problems and schemes with what they declare, {@code solve} one problem with one scheme over many
 * paths (readable or {@code --json}), and the {@code tour} that runs every supported pair and sets
 * observed errors and orders beside the declared ones, and run the {@code notebooks} through JShell
 * (writing their outputs back into the {@code .ipynb} files). Also the small tools the commands share: an
 * aligned text table, a progress bar, a JSON writer, the notebook reader/runner, and
 * {@link org.sde4j.cli.Display}, which turns XChart charts into PNG outputs of notebook cells. Depends on
 * the core; nothing in the core depends on it.
 */
package org.sde4j.cli;
