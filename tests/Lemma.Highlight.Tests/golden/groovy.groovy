plugins {
    id 'java'
    id 'application'
}

group = 'com.example'
version = '1.2.0'

repositories {
    mavenCentral()
}

dependencies {
    implementation 'com.google.guava:guava:33.0.0-jre'
    testImplementation "org.junit.jupiter:junit-jupiter:${junitVersion}"
}

tasks.register('stamp') {
    doLast {
        def file = new File(buildDir, 'version.txt')
        file.text = "version=${project.version}\nbuilt=${new Date().format('yyyy-MM-dd')}"
        println "wrote ${file.path}"
    }
}
