package io.warden.admin;

import io.warden.rules.events.EventStore;
import io.warden.rules.monitor.ComplianceReport;

import java.time.InstantSource;
import java.util.Map;

/** {@code GET /api/security/compliance/report?days=30[&format=csv]}: the audit summary. */
final class ComplianceReportEndpoint implements AdminEndpoint {

    private static final int MAX_DAYS = 366;

    private final EventStore store;
    private final InstantSource clock;
    private final Json json;

    ComplianceReportEndpoint(EventStore store, InstantSource clock, Json json) {
        this.store = store;
        this.clock = clock;
        this.json = json;
    }

    @Override
    public AdminResponse handle(AdminRequest request) throws AdminException {
        int days = 30;
        String daysText = request.param("days");
        if (daysText != null) {
            try {
                days = Integer.parseInt(daysText.trim());
            } catch (NumberFormatException e) {
                days = -1;
            }
            if (days < 1 || days > MAX_DAYS) {
                throw new AdminException(400, "days must be a number from 1 to " + MAX_DAYS);
            }
        }
        String format = request.param("format") == null ? "json" : request.param("format");
        if (!format.equals("json") && !format.equals("csv")) {
            throw new AdminException(400, "format must be json or csv");
        }
        ComplianceReport report = ComplianceReport.build(store, clock.instant(), days);
        if (format.equals("csv")) {
            AdminResponse csv = AdminResponse.text(200, "text/csv; charset=utf-8", report.toCsv());
            return new AdminResponse(csv.status(), csv.contentType(), csv.body(), Map.of("Content-Disposition",
                    "attachment; filename=\"warden-compliance-" + report.to() + ".csv\""));
        }
        return json.ok(report);
    }
}
