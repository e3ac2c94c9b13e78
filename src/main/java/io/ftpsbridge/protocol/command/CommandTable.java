package io.ftpsbridge.protocol.command;

import io.ftpsbridge.auth.Permission;
import io.ftpsbridge.datachannel.AdvertisedAddress;
import io.ftpsbridge.protocol.FtpCommand;
import io.ftpsbridge.protocol.HashAlgorithm;
import io.ftpsbridge.protocol.ReplyCode;
import jakarta.enterprise.context.ApplicationScoped;

import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Every verb this server answers, with what it needs: a login, the user's permission, and whether it may run
 * while a transfer is in progress. The whole protocol surface in one screen; verbs not listed get 502.
 */
@ApplicationScoped
public class CommandTable {

    /**
     * One verb: its handler, whether it needs a login, whether it runs during a transfer, the permission the user
     * needs for it (null: none), and its HELP text.
     */
    public record Spec(FtpCommand command, boolean needsLogin, boolean duringTransfer, Permission permission, String help) {
    }

    private static final boolean LOGIN = true;
    private static final boolean ANYTIME = false;

    private final Map<String, Spec> specs = new TreeMap<>();

    public CommandTable(AdvertisedAddress advertised) {
        // Access control, RFC 959 §4.1.1 and RFC 2228 / RFC 4217.
        add("USER", new UserCommand(), ANYTIME, "USER <name>");
        add("PASS", new PassCommand(), ANYTIME, "PASS <password>");
        add("QUIT", new QuitCommand(), ANYTIME, "QUIT");
        add("AUTH", new AuthCommand(), ANYTIME, "AUTH TLS");
        add("PBSZ", new PbszCommand(), ANYTIME, "PBSZ 0");
        add("PROT", new ProtCommand(), ANYTIME, "PROT P|C");
        // RFC 4217 §7 lets a server refuse CCC; clear text after login would expose every later command.
        add("CCC", new FixedReplyCommand(ReplyCode.DENIED_FOR_POLICY,
                "CCC refused: the control connection stays protected"), ANYTIME, "CCC");
        // Informational, RFC 959 §4.1.3, RFC 2389.
        addDuringTransfer("NOOP", new NoopCommand(), ANYTIME, "NOOP");
        add("SYST", new SystCommand(), ANYTIME, "SYST");
        add("FEAT", new FeatCommand(), ANYTIME, "FEAT");
        add("OPTS", new OptsCommand(), ANYTIME, "OPTS UTF8 ON | OPTS MLST <facts>");
        add("HELP", new HelpCommand(), ANYTIME, "HELP [<verb>]");
        addDuringTransfer("STAT", new StatCommand(), LOGIN, "STAT");
        // Navigation.
        add("PWD", new PwdCommand(), LOGIN, "PWD");
        add("XPWD", new PwdCommand(), LOGIN, "XPWD");
        add("CWD", new CwdCommand(false), LOGIN, "CWD <directory>");
        add("XCWD", new CwdCommand(false), LOGIN, "XCWD <directory>");
        add("CDUP", new CwdCommand(true), LOGIN, "CDUP");
        add("XCUP", new CwdCommand(true), LOGIN, "XCUP");
        // Transfer parameters, RFC 959 §4.1.2, RFC 2428, RFC 3659 §5.
        add("TYPE", new TypeCommand(), LOGIN, "TYPE I|A");
        add("MODE", new ModeCommand(), LOGIN, "MODE S");
        add("STRU", new StruCommand(), LOGIN, "STRU F");
        add("PASV", new PasvCommand(false, advertised), LOGIN, "PASV");
        add("EPSV", new PasvCommand(true, advertised), LOGIN, "EPSV [1|2|ALL]");
        add("REST", new RestCommand(), LOGIN, "REST <offset>");
        add("ALLO", new AlloCommand(), LOGIN, "ALLO <size>");
        add("PORT", new PortCommand(false), LOGIN, "PORT h1,h2,h3,h4,p1,p2 (when active mode is on)");
        add("EPRT", new PortCommand(true), LOGIN, "EPRT |1|address|port| (when active mode is on)");
        // Service commands, RFC 959 §4.1.3, RFC 3659.
        addDuringTransfer("ABOR", new AborCommand(), LOGIN, "ABOR");
        add("LIST", new ListCommand(ListCommand.Style.LIST), Permission.LIST, "LIST [<path>]");
        add("NLST", new ListCommand(ListCommand.Style.NLST), Permission.LIST, "NLST [<path>]");
        add("MLSD", new ListCommand(ListCommand.Style.MLSD), Permission.LIST, "MLSD [<directory>]");
        add("MLST", new MlstCommand(), Permission.LIST, "MLST [<path>]");
        add("RETR", new RetrCommand(), Permission.READ, "RETR <file>");
        add("STOR", new StorCommand(StorCommand.Mode.STORE), Permission.WRITE, "[REST <offset>] STOR <file>");
        add("STOU", new StorCommand(StorCommand.Mode.UNIQUE), Permission.WRITE, "STOU [<file>]");
        add("DELE", new DeleCommand(), Permission.DELETE, "DELE <file>");
        add("SIZE", new SizeCommand(), Permission.LIST, "SIZE <file>");
        add("MDTM", new MdtmCommand(), Permission.LIST, "MDTM <file> | MDTM <YYYYMMDDHHMMSS> <file> (sets it, as MFMT)");
        add("MFMT", new MfmtCommand(), Permission.WRITE, "MFMT <YYYYMMDDHHMMSS> <file> (UTC)");
        add("RNFR", new RnfrCommand(), Permission.RENAME, "RNFR <path>");
        add("RNTO", new RntoCommand(), Permission.RENAME, "RNTO <path>");
        add("MKD", new MkdCommand(), Permission.MKDIR, "MKD <directory>");
        add("XMKD", new MkdCommand(), Permission.MKDIR, "XMKD <directory>");
        add("RMD", new RmdCommand(), Permission.DELETE, "RMD <directory>");
        add("XRMD", new RmdCommand(), Permission.DELETE, "XRMD <directory>");
        add("REIN", new ReinCommand(), ANYTIME, "REIN (log out and reset the session; TLS stays on)");
        add("HOST", new HostCommand(), ANYTIME, "HOST <name> (RFC 7151)");
        add("CLNT", new FixedReplyCommand(ReplyCode.OK, "Noted"), ANYTIME, "CLNT <client name>");
        add("ACCT", new FixedReplyCommand(ReplyCode.SUPERFLUOUS, "No account needed"), LOGIN, "ACCT <account>");
        add("SMNT", new FixedReplyCommand(ReplyCode.NOT_IMPLEMENTED,
                "SMNT is not supported: each user has one home"), LOGIN, "SMNT (not supported)");
        add("LANG", new FixedReplyCommand(ReplyCode.NOT_IMPLEMENTED,
                "LANG is not supported: replies are in English"), ANYTIME, "LANG (not supported)");
        add("AVBL", new FixedReplyCommand(ReplyCode.NOT_IMPLEMENTED,
                "AVBL is not supported: no storage quota is configured"), LOGIN, "AVBL (not supported)");
        add("HASH", new HashCommand(null), Permission.READ, "HASH <file> (algorithm from OPTS HASH)");
        add("XCRC", new HashCommand(HashAlgorithm.CRC32), Permission.READ, "XCRC \"<file>\" [<start> [<end>]]");
        add("XMD5", new HashCommand(HashAlgorithm.MD5), Permission.READ, "XMD5 \"<file>\" [<start> [<end>]]");
        add("XSHA1", new HashCommand(HashAlgorithm.SHA_1), Permission.READ, "XSHA1 \"<file>\" [<start> [<end>]]");
        add("XSHA256", new HashCommand(HashAlgorithm.SHA_256), Permission.READ, "XSHA256 \"<file>\" [<start> [<end>]]");
        add("SITE", new SiteCommand(), LOGIN, "SITE HELP | SITE CHMOD <mode> <path>");
        add("APPE", new StorCommand(StorCommand.Mode.APPEND), Permission.WRITE, "APPE <file>");
    }

    private void add(String verb, FtpCommand command, boolean needsLogin, String help) {
        specs.put(verb, new Spec(command, needsLogin, false, null, help));
    }

    private void add(String verb, FtpCommand command, Permission permission, String help) {
        specs.put(verb, new Spec(command, LOGIN, false, permission, help));
    }

    private void addDuringTransfer(String verb, FtpCommand command, boolean needsLogin, String help) {
        specs.put(verb, new Spec(command, needsLogin, true, null, help));
    }

    /** The verb's entry, or null for a verb this server does not implement. */
    public Spec find(String verb) {
        return specs.get(verb);
    }

    public Set<String> verbs() {
        return specs.keySet();
    }
}
