import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The store of the LIST scenario: a read-only S3 endpoint on 127.0.0.1 whose one bucket holds one directory of
 * COUNT empty objects ({@code DIRECTORY + "key-0000000.txt"} and on), made up on request, so that a page costs
 * the same whatever the directory's size.
 *
 * <p>Why not S3Proxy: its stores (jclouds' LocalBlobStore, filesystem or in memory) load every key of the
 * directory for each ListObjectsV2 page, so listing N keys costs O(N²); 10,000 keys took 7-34 s on the bench
 * machine, 100,000 would take about a hundred times as long, and the store, not the bridge, would be measured.
 * Real S3 answers a page of 1,000 keys in tens of milliseconds whatever the bucket holds; this store answers at
 * loopback speed, which makes the bridge's own cost per page stand out rather than hide.
 *
 * <p>It answers what a directory listing needs: ListObjectsV2 (prefix, delimiter /, max-keys,
 * continuation-token, start-after), HeadObject and GetObject of its keys (404 for any other key), HeadBucket.
 * Anything else gets 501. Signatures are not checked. Prints {@code port N} once listening; stops after
 * MAX_SECONDS (the bench stops it sooner).
 *
 * <pre>
 * ListingStore BUCKET DIRECTORY COUNT MAX_SECONDS      e.g. ListingStore bench-bucket bench/list/ 100000 3600
 * </pre>
 */
public record ListingStore(String bucket, String directory, int count) {

    private static final String LAST_MODIFIED_ISO = "2026-01-01T00:00:00.000Z";
    private static final String LAST_MODIFIED_HTTP = "Thu, 01 Jan 2026 00:00:00 GMT";
    /** MD5 of no bytes. */
    private static final String ETAG = "\"d41d8cd98f00b204e9800998ecf8427e\"";
    private static final String ETAG_XML = ETAG.replace("\"", "&quot;");

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: ListingStore BUCKET DIRECTORY COUNT MAX_SECONDS");
            System.exit(2);
        }
        ListingStore store = new ListingStore(args[0], args[1], Integer.parseInt(args[2]));
        // The JDK server writes a response's headers and body apart; without TCP_NODELAY, Nagle held a small body
        // back until the client's delayed ACK, about 40 ms: a ListObjectsV2 of one key took 50 ms through the SDK
        // (1.5 ms with curl), which fell on the bridge's checks before a listing and not on the baseline's paging.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        ExecutorService workers = Executors.newFixedThreadPool(4);
        server.setExecutor(workers);
        server.createContext("/", store::handle);
        server.start();
        System.out.println("port " + server.getAddress().getPort());
        System.out.flush();

        Thread.sleep(Long.parseLong(args[3]) * 1000);
        System.exit(0);
    }

    /** The i-th key; fixed-width numbers keep index order and key order the same. */
    private String key(int i) {
        return directory + String.format("key-%07d.txt", i);
    }

    /** Index of the first key that is not below {@code bound}. */
    private int lowerBound(String bound) {
        int low = 0;
        int high = count;
        while (low < high) {
            int middle = (low + high) >>> 1;
            if (key(middle).compareTo(bound) < 0) {
                low = middle + 1;
            } else {
                high = middle;
            }
        }
        return low;
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getRawPath();
            String method = exchange.getRequestMethod();
            String bucketPath = "/" + bucket;
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            if (path.equals(bucketPath) || path.equals(bucketPath + "/")) {
                if (method.equals("GET") && "2".equals(query.get("list-type"))) {
                    send(exchange, 200, list(query));
                } else if (method.equals("HEAD")) {
                    exchange.sendResponseHeaders(200, -1);
                } else {
                    send(exchange, 501, error("NotImplemented", method + " " + path));
                }
                return;
            }
            if (path.startsWith(bucketPath + "/") && (method.equals("HEAD") || method.equals("GET"))) {
                String key = URLDecoder.decode(path.substring(bucketPath.length() + 1), StandardCharsets.UTF_8);
                int i = lowerBound(key);
                if (i < count && key(i).equals(key)) {
                    exchange.getResponseHeaders().set("ETag", ETAG);
                    exchange.getResponseHeaders().set("Last-Modified", LAST_MODIFIED_HTTP);
                    exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
                    exchange.sendResponseHeaders(200, -1);
                } else if (method.equals("HEAD")) {
                    exchange.sendResponseHeaders(404, -1);
                } else {
                    send(exchange, 404, error("NoSuchKey", key));
                }
                return;
            }
            send(exchange, 501, error("NotImplemented", method + " " + path));
        }
    }

    /**
     * One ListObjectsV2 page. With delimiter /, a key with a further / after the prefix is rolled into its common
     * prefix, and the walk skips every key under it. The continuation token is the last name returned.
     */
    private String list(Map<String, String> query) {
        String prefix = query.getOrDefault("prefix", "");
        String delimiter = query.get("delimiter");
        int maxKeys = Integer.parseInt(query.getOrDefault("max-keys", "1000"));
        String token = query.get("continuation-token");
        String after = token != null ? token : query.get("start-after");

        int i = lowerBound(prefix);
        if (after != null) {
            // After a common prefix comes the first key past everything under it.
            i = Math.max(i, lowerBound(after.endsWith("/") ? after + Character.MAX_VALUE : after + "\0"));
        }
        StringBuilder contents = new StringBuilder();
        StringBuilder prefixes = new StringBuilder();
        int returned = 0;
        String last = null;
        boolean truncated = false;
        while (i < count) {
            String key = key(i);
            if (!key.startsWith(prefix)) {
                break;
            }
            if (returned == maxKeys) {
                truncated = true;
                break;
            }
            int slash = delimiter == null ? -1 : key.indexOf(delimiter, prefix.length());
            if (slash >= 0) {
                last = key.substring(0, slash + 1);
                prefixes.append("<CommonPrefixes><Prefix>").append(last).append("</Prefix></CommonPrefixes>");
                i = lowerBound(last + Character.MAX_VALUE);
            } else {
                last = key;
                contents.append("<Contents><Key>").append(key).append("</Key><LastModified>").append(LAST_MODIFIED_ISO)
                        .append("</LastModified><ETag>").append(ETAG_XML)
                        .append("</ETag><Size>0</Size><StorageClass>STANDARD</StorageClass></Contents>");
                i++;
            }
            returned++;
        }
        StringBuilder xml = new StringBuilder(contents.length() + prefixes.length() + 512)
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<ListBucketResult xmlns=\"http://s3.amazonaws.com/doc/2006-03-01/\">")
                .append("<Name>").append(bucket).append("</Name><Prefix>").append(prefix).append("</Prefix>");
        if (delimiter != null) {
            xml.append("<Delimiter>").append(delimiter).append("</Delimiter>");
        }
        xml.append("<MaxKeys>").append(maxKeys).append("</MaxKeys><KeyCount>").append(returned)
                .append("</KeyCount><IsTruncated>").append(truncated).append("</IsTruncated>");
        if (token != null) {
            xml.append("<ContinuationToken>").append(token).append("</ContinuationToken>");
        }
        if (truncated) {
            xml.append("<NextContinuationToken>").append(last).append("</NextContinuationToken>");
        }
        return xml.append(contents).append(prefixes).append("</ListBucketResult>").toString();
    }

    private static String error(String code, String message) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Error><Code>" + code + "</Code><Message>"
                + message.replace("&", "&amp;").replace("<", "&lt;") + "</Message></Error>";
    }

    private static void send(HttpExchange exchange, int status, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/xml");
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> values = new HashMap<>();
        if (raw == null || raw.isEmpty()) {
            return values;
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String name = URLDecoder.decode(equals < 0 ? pair : pair.substring(0, equals), StandardCharsets.UTF_8);
            String value = equals < 0 ? "" : URLDecoder.decode(pair.substring(equals + 1), StandardCharsets.UTF_8);
            values.put(name, value);
        }
        return values;
    }
}
