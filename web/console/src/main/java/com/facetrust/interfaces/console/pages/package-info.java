/**
 * Backing beans of the console's pages, one per page, grouped by duty: the operator's security events
 * (A-5.7.5.3), the auditor's audit history, reports and chain verification (A-8.6, D-6.6i), the sysadmin's blocklist
 * and channel policies (D-6.6e, A-4f). Every bean reads and changes data only through
 * {@link com.facetrust.interfaces.console.api.UserDelegatedApi}, i.e. as the logged-in person; the server's role
 * checks decide, the pages only hide what a duty cannot use. No page shows a similarity score or personal data in
 * clear: subjects appear as the pseudonyms the audit log stores.
 *
 * <p>Table rows are records; Jakarta EL 5 (Faces 4.0) resolves bean getters but not record components, so the pages
 * call the accessors ({@code #{event.id()}}).
 */
package com.facetrust.interfaces.console.pages;
