/**
 * Notebook tooling: {@link org.sde4j.notebook.Display}, which the notebooks import to show XChart charts as
 * PNG cell outputs, the {@code .ipynb} reader and writer ({@link org.sde4j.notebook.Notebook},
 * {@link org.sde4j.notebook.NotebookJson}) and {@link org.sde4j.notebook.NotebookRunner}, which executes a
 * notebook's code cells in JShell. Used by the {@code notebooks} command; depends on no other sde4j package.
 */
package org.sde4j.notebook;
