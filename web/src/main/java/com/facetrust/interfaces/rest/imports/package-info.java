/**
 * REST resources of batch import (A-5.6.3, D-6.2e): the registry of allowed sources (system administrators) and the
 * imports themselves with their progress and per-record outcome report (operators, enrolling applications).
 */
package com.facetrust.interfaces.rest.imports;
