/**
 * Command-line tools (picocli), run outside the server: {@code evaluate} measures the face engine's accuracy on a
 * labelled image folder and optional LFW pairs file. picocli is a 'provided' dependency, so these classes ship in
 * the EJB jar but the library never enters the EAR; nothing in the server loads them.
 */
package com.facetrust.interfaces.cli;
