package org.govhub.ferry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.govhub.testing.HubTest;

/**
 * Every external-node test again, with the gap reached over SFTP: bundles are uploaded to a real sshd
 * (ed25519 keys, strict host key checking) and receipts and resend requests are downloaded from it.
 */
@QuarkusTest
@HubTest
@TestProfile(FerryProfiles.ExternalSftp.class)
class SftpExternalNodeFerryTest extends ExternalNodeFerryTest {
    @Override
    String side() {
        return "external-sftp";
    }
}
