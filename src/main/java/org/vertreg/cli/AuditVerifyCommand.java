package org.vertreg.cli;

import java.io.PrintStream;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;
import org.postgresql.ds.PGSimpleDataSource;
import org.vertreg.audit.AuditChain;

/** {@code audit-verify}: walks the audit trail's hash chain in the node's database and says whether it holds. */
final class AuditVerifyCommand {

    static final String USAGE = """
            usage: audit-verify [--jdbc-url URL] [--user USER]
              Walks the node's audit trail in id order, recomputing each row's SHA-256 over its fields and the row
              before it: an edited row no longer matches its hash, a deleted row breaks the link of the row after it.
              Prints the number of rows and the head (last row's id and hash, to write down: a later check that ends
              on an earlier head shows a cut tail). Exit code 0 when the chain holds, 2 when it is broken or the
              database cannot be read.
            """ + NodeDatabase.OPTIONS_USAGE;

    private AuditVerifyCommand() {}

    static final CommandLine.Command COMMAND = new CommandLine.Command("audit-verify", USAGE,
            args -> CommandLine.options(args, List.of(), List.of("--jdbc-url", "--user")), AuditVerifyCommand::verify);

    private static void verify(Map<String, String> o, PrintStream out) {
        PGSimpleDataSource db = NodeDatabase.of(o);
        AuditChain.Verification v;
        try {
            v = AuditChain.verify(db);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read the audit trail at " + db.getUrl() + ": " + e.getMessage(), e);
        }
        if (!v.intact()) {
            throw new IllegalStateException(v.describe());
        }
        out.println(v.describe());
    }
}
