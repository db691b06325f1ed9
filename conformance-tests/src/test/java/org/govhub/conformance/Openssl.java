package org.govhub.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The openssl CLI: the independent party every hub signature and digest must satisfy. */
final class Openssl {
    private Openssl() {
    }

    static String run(Path dir, String... args) throws Exception {
        String[] command = new String[args.length + 1];
        command[0] = "openssl";
        System.arraycopy(args, 0, command, 1, args.length);
        Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        return out;
    }

    /** True when openssl verifies the DER SM3withSM2 signature over data with the hub's served certificate. */
    static boolean verifiesWithHubCertificate(byte[] data, byte[] signature) throws Exception {
        Path dir = Files.createTempDirectory("conformance-sig");
        Files.writeString(dir.resolve("cert.pem"),
                Hub.anonymous().get("/api/v1/signing/certificate").then().statusCode(200).extract().asString());
        run(dir, "x509", "-in", "cert.pem", "-pubkey", "-noout", "-out", "pub.pem");
        Files.write(dir.resolve("data.bin"), data);
        Files.write(dir.resolve("data.sig"), signature);
        return run(dir, "dgst", "-sm3", "-verify", "pub.pem", "-sigopt", "distid:1234567812345678",
                "-signature", "data.sig", "data.bin").contains("Verified OK");
    }

    static String sm3Hex(byte[] data) throws Exception {
        Path dir = Files.createTempDirectory("conformance-sm3");
        Files.write(dir.resolve("data.bin"), data);
        return run(dir, "dgst", "-sm3", "-r", "data.bin").split(" ")[0].trim();
    }
}
