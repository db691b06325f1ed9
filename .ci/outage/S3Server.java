import java.nio.file.Path;
import org.govhub.common.storage.EmbeddedS3Server;

/**
 * A standalone S3 server for .ci/outage.sh, so the script can stop and start object storage under a
 * running hub: the same S3Proxy (filesystem backend) the hub embeds, from the hub jar's own libraries,
 * in its own process. Usage: S3Server FOLDER PORT ACCESS_KEY SECRET_KEY (runs until killed).
 */
public class S3Server {
    public static void main(String[] args) throws Exception {
        EmbeddedS3Server server = EmbeddedS3Server.start(Path.of(args[0]), Integer.parseInt(args[1]), args[2], args[3]);
        System.out.println("S3 server on " + server.endpoint() + ", objects under " + args[0]);
        Thread.currentThread().join();
    }
}
