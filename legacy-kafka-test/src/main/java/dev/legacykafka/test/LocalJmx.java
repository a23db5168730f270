package dev.legacykafka.test;

import com.sun.tools.attach.VirtualMachine;
import java.io.IOException;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;

/**
 * JMX into a JVM on this machine that was started without any JMX setting, such as a broker the
 * fixture runs: the JDK's attach API starts the JVM's local management agent and returns its
 * address. Only JVMs of the same user can be attached to.
 */
public final class LocalJmx {

    private LocalJmx() {
    }

    /**
     * Connects to the JVM of a process.
     *
     * @param pid the process
     * @return an open connector; the caller closes it
     * @throws IOException if the process cannot be attached to or its agent does not answer
     */
    public static JMXConnector connect(long pid) throws IOException {
        String address;
        try {
            VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
            try {
                address = vm.startLocalManagementAgent();
            } finally {
                vm.detach();
            }
        } catch (com.sun.tools.attach.AttachNotSupportedException e) {
            throw new IOException("Cannot attach to JVM " + pid + ": " + e.getMessage(), e);
        }
        return JMXConnectorFactory.connect(new JMXServiceURL(address));
    }
}
