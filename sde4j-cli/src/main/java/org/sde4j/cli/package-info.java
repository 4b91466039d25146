/**
 * The {@code sde4j} command line ({@link org.sde4j.cli.Main}, launched by {@code bin/sde4j}): {@code list}
 * the problems and schemes with what they declare, {@code solve} one problem with one scheme over many
 * paths (readable or {@code --json}), and the {@code tour} that runs every supported pair and sets
 * observed errors and orders beside the declared ones, and run the {@code notebooks} through JShell
 * (writing their outputs back into the {@code .ipynb} files). Also the small tools the commands share: an
 * aligned text table, a progress bar, a JSON writer. The {@code bench} command and its workloads are in
 * {@link org.sde4j.cli.bench}; the notebook reader, runner and {@link org.sde4j.notebook.Display} in
 * {@link org.sde4j.notebook}. Depends on the core and the networks; nothing depends on it.
 */
package org.sde4j.cli;
