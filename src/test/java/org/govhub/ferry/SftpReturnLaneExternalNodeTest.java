package org.govhub.ferry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.govhub.testing.HubTest;

/**
 * Every return-lane test of the external node again, with the gap reached over SFTP: return bundles
 * are downloaded from a real sshd with the receipts, and receipts for them are uploaded to it.
 */
@QuarkusTest
@HubTest
@TestProfile(FerryProfiles.ExternalReturnSftp.class)
class SftpReturnLaneExternalNodeTest extends ReturnLaneExternalNodeTest {
    @Override
    String side() {
        return "external-return-sftp";
    }
}
