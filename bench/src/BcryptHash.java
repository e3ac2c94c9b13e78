import at.favre.lib.crypto.bcrypt.BCrypt;

/** Prints the bcrypt hash of the password given as the only argument (the fallback when htpasswd is missing). */
public final class BcryptHash {
    public static void main(String[] args) {
        if (args.length != 1) {
            System.err.println("usage: BcryptHash PASSWORD");
            System.exit(2);
        }
        System.out.println(BCrypt.withDefaults().hashToString(10, args[0].toCharArray()));
    }
}
