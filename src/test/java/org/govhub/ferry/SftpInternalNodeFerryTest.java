package org.govhub.ferry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.govhub.testing.HubTest;

/**
 * Every internal-node test again, with the gap reached over SFTP: bundles are taken off a real sshd
 * (ed25519 keys, strict host key checking) and receipts are uploaded to it.
 */
@QuarkusTest
@HubTest
@TestProfile(FerryProfiles.InternalSftp.class)
class SftpInternalNodeFerryTest extends InternalNodeFerryTest {
    @Override
    String side() {
        return "internal-sftp";
    }
}
